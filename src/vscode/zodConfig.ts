// Imported first by the extension entry. zod's JIT probe reads `globalThis.navigator`, which VS Code's Node
// extension host turns into a logged PendingMigrationError ("navigator is now a global in nodejs") at the
// first schema parse. Manifests and settings are small: parse them without the JIT, so nothing probes it.
import * as z from 'zod';

z.config({ jitless: true });
