// Public API of src/logs (named exports). Re-exported by src/index.ts.
