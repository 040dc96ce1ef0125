/** Entry point of the multi-root extension-host suite (a window with two workspace folders). */
import { runSuite } from '../host';

export function run(): Promise<void> {
  return runSuite(__dirname);
}
