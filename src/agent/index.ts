/** The entry of src/agent/ for other folders (docs/architecture.md "Layers"). */
export { startAgent } from './agent.js';
