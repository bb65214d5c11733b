import * as path from 'node:path';

/** Root of this package (holds package.json, templates/, frameworks/); same depth from src/ and lib/. */
export const PACKAGE_ROOT = path.resolve(__dirname, '..');
