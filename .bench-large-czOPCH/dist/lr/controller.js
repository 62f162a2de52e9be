export {};
//# sourceMappingURL=controller.js.map