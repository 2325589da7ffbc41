/**
 * The console's scoped state, set once by App.svelte and read by the views below it; and the
 * matrix of one session, set by its RoutingPanel and read by the matrix components below it. Tests
 * and future windows can build their own set of stores with another bridge.
 */
import { createContext } from 'svelte';
import type { AlertsStore } from './alerts.svelte';
import type { AudioStore } from './audio.svelte';
import type { BusyStore } from './busy.svelte';
import type { FloorStore } from './floor.svelte';
import type { MatrixStore } from './matrix.svelte';
import type { MeStore } from './me.svelte';
import type { NavigationStore } from './navigation.svelte';
import type { OnAirStore } from './on-air.svelte';
import type { ParticipantsStore } from './participants.svelte';
import type { PreferencesStore } from './preferences.svelte';
import type { ProfilesStore } from './profiles.svelte';
import type { SessionsStore } from './sessions.svelte';
import type { ToastsStore } from './toasts.svelte';

export interface ConsoleState {
  toasts: ToastsStore;
  busy: BusyStore;
  profiles: ProfilesStore;
  sessions: SessionsStore;
  participants: ParticipantsStore;
  preferences: PreferencesStore;
  floor: FloorStore;
  me: MeStore;
  audio: AudioStore;
  onAir: OnAirStore;
  alerts: AlertsStore;
  navigation: NavigationStore;
}

export const [getConsole, setConsole] = createContext<ConsoleState>();

export const [getMatrix, setMatrix] = createContext<MatrixStore>();
