// Public API of src/detect (named exports). Re-exported by src/index.ts.
