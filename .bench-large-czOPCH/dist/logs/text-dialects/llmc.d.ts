import { type TextDialect } from './types.js';
/** llm.c / modded-nanogpt's `main.log`: one `s:<step> <key>:<value>` record per line. */
export declare const llmcMainLog: TextDialect;
/** llm.c's `train_gpt2cu` stdout: `step N/M | loss X | ... | lr Y` lines and `val loss X` lines between them. */
export declare const llmcStdout: TextDialect;
