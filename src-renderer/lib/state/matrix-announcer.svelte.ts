/**
 * The matrix's polite live region: every change, refusal and outcome is said once. Saying the same
 * words twice still announces them (a no-break space is toggled at the end).
 */
export class Announcer {
  #text = $state('');
  #flip = false;

  get text(): string {
    return this.#text;
  }

  say(text: string): void {
    this.#flip = !this.#flip;
    this.#text = this.#flip ? text : `${text}\u00a0`;
  }
}
