/**
 * Makes every option that takes a value require one: `run --lr --epochs 1` is an error ("--lr
 * needs a value") instead of silently keeping the default LR. Booleans are left alone. Call it
 * at the end of a command's builder, once every option is declared.
 */
export function requireOptionValues(y) {
    const o = y.getOptions();
    const flags = new Set([...o.boolean, ...(o.count ?? []), 'help', 'version']);
    const keys = Object.keys(o.key).filter((k) => !flags.has(k));
    return keys.length > 0 ? y.requiresArg(keys) : y;
}
//# sourceMappingURL=option-values.js.map