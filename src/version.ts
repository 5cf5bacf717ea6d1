/** The version of this Glasshouse, as published in the API document and `--version`. */
export const VERSION = '0.1.0'
