/**
 * The detector's public vocabulary, shared by the online detector, offline segmentation,
 * the `doctor` schedule, `analyze` and the report. Owned by src/detect; other modules only
 * import these types and the functions exported from src/detect/index.ts.
 */
export {};
//# sourceMappingURL=types.js.map