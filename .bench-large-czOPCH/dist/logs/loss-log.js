/**
 * LossLog: what every reader (CSV, Keras, Lightning, TensorBoard, Hugging Face, W&B, text,
 * plateau-doctor run directories) produces. One file may hold several series.
 */
export {};
//# sourceMappingURL=loss-log.js.map