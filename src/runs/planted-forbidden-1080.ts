import { createController } from '../controller/index.js';
export const planted = createController;
