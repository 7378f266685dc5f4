// Every word the "Run 8 seeds" card shows, for all labs. None of these sentences states a
// number, a direction or a colour (tests/js/web/seed_sweep_text.test.mjs holds them to it with
// the rule of claims.js): the card's numbers are the runs' own, written in by seed_sweep_card.js.
export const words = {
  title: 'Across seeds',
  hint:
    'Trains the current settings to the end on this seed and the next ones, in the background. ' +
    'Your run, its plots and its link stay as they are.',
  notOffered:
    'Not offered in this lab: one run already keeps the engine busy for a while, so a run per ' +
    'seed would keep the page waiting too long. The command-line tool runs any seed: ',
  spreadTitle: 'Loss across seeds',
  spreadLabel: 'Loss curves of every seed’s run and their median, over training steps',
  spreadCaption:
    'Thin: one seed’s run each (noisy estimates as moving averages); thick: their median. ' +
    'Where the thin lines part, one run says little about the method.',
  spreadDiverged: 'a seed that diverged (dashed, ends where it stopped)',
  cancel: 'Cancel',
  cancelTitle: 'Stop the seeds; those already finished stay shown',
  stale:
    'The settings have changed since these runs: run the seeds again to compare them with the ' +
    'current run.',
  failed: 'The seeds could not be run: ',
};
