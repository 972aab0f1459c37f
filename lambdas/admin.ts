import { greeter } from './respond';

export const handler = greeter('Hello admin');
