/**
 * The Node flags every service process runs with: in the container (deploy/Dockerfile sets them as
 * NODE_OPTIONS; a test holds the two together), under `npm start`, and in bench/intake.
 *
 * `--max-semi-space-size=32` (MiB; V8's default on 64-bit is 16): a request allocates short-lived
 * objects (parsed JSON, zod results, encrypted envelopes, pg rows); a larger young generation collects
 * them less often and promotes fewer of them to the old generation. Intake at 48 clients, three pairs
 * alternating (bench/intake README, item 19): 942–997 vs 783–939 petitions/s, 0.92–0.98 vs
 * 1.01–1.19 ms of intake's CPU per petition.
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];
