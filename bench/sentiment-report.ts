import { renderReport } from '../src/sentiment/evaluation.render.js';
import { evaluate } from '../src/sentiment/sentiment.evaluate.js';
import { loadEvalSet } from '../tests/fixtures/sentiment/eval-set.js';

/**
 * `npm run sentiment:report`: the accuracy tables of docs/sentiment.md, computed afresh from the
 * evaluation posts. Paste the output into the page after a change to the lexicons or rules; the
 * unit tests fail while the page shows other figures.
 */
process.stdout.write(renderReport(evaluate(loadEvalSet())));
