import packText from '../../../packs/netflix-genai-2025-08.yaml?raw';
import { parsePackText } from '../../../src/policy/pack.js';

/**
 * The default pack, bundled as text and compiled once in the page. The server evaluates with
 * the same file, so the live verdict and the stored one agree; the stored verdict names the
 * pack version that decided, and the detail page shows that one, never a recomputation.
 */
export const defaultPack = parsePackText(packText, 'netflix-genai-2025-08.yaml');
