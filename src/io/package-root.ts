// Where the package's own files (package.json, models/, templates/, docs/)
// are. This module sits two levels below the package root in every layout it
// runs from: src/io/ under vitest, dist/io/ for library users, and
// dist/bundle/ for the CLI (scripts/build.mjs bundles the CLI's modules into
// chunks there). Other modules ask here instead of counting `../` from their
// own depth, which the bundle does not keep.
import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT_URL = new URL('../../', import.meta.url);
export const PACKAGE_ROOT = fileURLToPath(PACKAGE_ROOT_URL);
