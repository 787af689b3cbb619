/** Assets in one register request; the CLI sends more in batches of this size. */
export const MAX_ASSETS_PER_REQUEST = 500;
