/** Every response that carries a decision or a rule names the rules version it was made with. */
export const VERSION_HEADER = 'Qualify-Rules-Version';
