// The active guidance pack for the Guidance screens: the one place that decides which pack is shown.
// Today the bundled pack; never reads the vault (guidance is not personal data and shows while locked).
import type { GuidancePack } from '../../domain/guidance.ts';
import { BUNDLED_PACK } from '../../guidance/pack.ts';

export const useGuidancePack = (): GuidancePack => BUNDLED_PACK;
