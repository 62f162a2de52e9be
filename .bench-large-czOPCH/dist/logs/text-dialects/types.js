/** Numbers as training tools print them, `nan` and `inf` included. */
export const NUM = String.raw `[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?|nan|inf(?:inity)?)`;
/** True when at least `min` of the lines match `re`. */
export function enoughLines(lines, re, min = 2) {
    let n = 0;
    for (const l of lines)
        if (re.test(l))
            n++;
    return n >= min;
}
//# sourceMappingURL=types.js.map