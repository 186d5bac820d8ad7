import { type CommuneConfig, parseCommuneConfig } from '../commune-config.schema';
import sample from './sample-commune.json';

/** Who wrote the seeded version, so an administrator sees that nobody has reviewed it yet. */
export const SEED_AUTHOR = 'seed';

/**
 * The default commune, built from the units named in the commune's plan implementing Conclusion
 * 107-KL/TW (UBND xã Phượng Tiến, Thái Nguyên) plus the bodies petitions are forwarded to. Hamlets and
 * officials are fictional samples: an administrator replaces them with the real ones.
 */
export function sampleCommuneConfig(): CommuneConfig {
  return parseCommuneConfig(sample);
}
