/**
 * Which of the session page's disclosures are open, for as long as the window is (so switching
 * calls keeps the participants table as the supervisor left it).
 */
export const sessionPageDisclosures = $state({ participants: false });
