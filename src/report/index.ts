// Public API of src/report (named exports). Re-exported by src/index.ts.
