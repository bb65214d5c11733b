import { write } from './project';

/** The schema files the target examples point at, as a user would add them. */
export function writeSchemaFiles(project: string): void {
  write(
    project,
    'specs/petstore.json',
    JSON.stringify({ openapi: '3.0.3', info: { title: 'Pets', version: '1' }, paths: { '/pets': { get: { operationId: 'listPets' } } } }),
  );
  write(project, 'models/service.json', JSON.stringify({ smithy: '2.0', shapes: { 'example#Weather': { type: 'service', version: '1' } } }));
  write(
    project,
    'tools.json',
    JSON.stringify([{ name: 'get_forecast', description: 'Forecast for a city', inputSchema: { type: 'object', properties: { city: { type: 'string' } } } }]),
  );
}
