import type { Locator, Page } from '@playwright/test';
import { ConfirmDialog } from './confirm-dialog';
import { ConsolePage } from './console-page';
import { TokenDialog } from './token-dialog';

export interface NewParticipantInput {
  audio?: boolean;
  video?: boolean;
  tag?: string;
  callbackUrl?: string;
  addToSession?: boolean;
}

/** The selected session: facts, participants, who hears whom, and the participant forms. */
export class SessionPage extends ConsolePage {
  readonly region: Locator;
  readonly title: Locator;
  /** The participants table (inside its disclosure: `showParticipants` opens it). */
  readonly participants: Locator;
  readonly participantsDisclosure: Locator;
  readonly hearing: Locator;
  readonly addForm: Locator;
  readonly addId: Locator;
  readonly addButton: Locator;
  readonly createForm: Locator;
  readonly confirm: ConfirmDialog;
  readonly tokenDialog: TokenDialog;

  constructor(page: Page) {
    super(page);
    this.title = page.locator('#session-title');
    this.region = page.getByRole('region').filter({ has: this.title });
    this.participants = page.getByRole('table', { name: /^Participants/ });
    this.participantsDisclosure = page.locator('details').filter({
      has: page.locator('#participants-heading'),
    });
    this.hearing = page.getByRole('region', { name: 'Who hears whom' });
    this.addForm = page.getByRole('form', { name: 'Add a participant by id' });
    this.addId = this.addForm.getByLabel('Participant id');
    this.addButton = this.addForm.getByRole('button', { name: 'Add to session' });
    this.createForm = page.getByRole('form', { name: 'Create a participant' });
    this.confirm = new ConfirmDialog(page);
    this.tokenDialog = new TokenDialog(page);
  }

  /** Opens the participants disclosure below the matrix (closed at first; it stays as left). */
  async showParticipants(): Promise<void> {
    if ((await this.participantsDisclosure.getAttribute('open')) === null) {
      await this.participantsDisclosure.locator('summary').click();
    }
    await this.participantsDisclosure.and(this.page.locator('details[open]')).waitFor();
  }

  /** A participant's table row, by its label ("Customer 7f3a") or id. */
  row(labelOrId: string): Locator {
    return this.participants.getByRole('row').filter({ hasText: labelOrId });
  }

  roleSelect(label: string): Locator {
    return this.participants.getByRole('combobox', { name: `Role of ${label}` });
  }

  /** A matrix cell by the start of its accessible name ("Customer 7f3a hears Agent 21bc:"). */
  hears(name: string): Locator {
    return this.hearing.getByRole('gridcell', { name });
  }

  async stopWatching(): Promise<void> {
    await this.page.getByRole('button', { name: 'Stop watching' }).click();
  }

  async askToDelete(): Promise<void> {
    await this.page.getByRole('button', { name: 'Delete session…' }).click();
  }

  async addById(participantId: string): Promise<void> {
    await this.addId.fill(participantId);
    await this.addButton.click();
  }

  async askToRemove(label: string): Promise<void> {
    await this.page.getByRole('button', { name: `Remove ${label} from the session` }).click();
  }

  async askToDeleteParticipant(label: string): Promise<void> {
    await this.participants.getByRole('button', { name: `Delete ${label}` }).click();
  }

  async fillNewParticipant(input: NewParticipantInput): Promise<void> {
    const form = this.createForm;
    await form.getByRole('checkbox', { name: 'Audio' }).setChecked(input.audio ?? true);
    await form.getByRole('checkbox', { name: 'Video' }).setChecked(input.video ?? false);
    await form.getByLabel('Tag').fill(input.tag ?? '');
    await form.getByLabel('Callback URL').fill(input.callbackUrl ?? '');
    const add = form.getByRole('checkbox', { name: 'Add it to this session' });
    if (await add.isEnabled()) await add.setChecked(input.addToSession ?? true);
  }

  async createParticipant(input: NewParticipantInput = {}): Promise<void> {
    await this.fillNewParticipant(input);
    await this.createForm.getByRole('button', { name: 'Create participant' }).click();
  }
}
