import { zip } from './zip';

/** A zip holding one stored (uncompressed) file. */
export const zipOne = (name: string, text: string): Buffer => zip([{ name, data: text, method: 0 }]);

/** A proxy handler that answers 200 with the parts of its event the tests look at. */
export const ECHO = `exports.handler = async (event) => ({
  statusCode: 200,
  body: JSON.stringify({
    resource: event.resource, path: event.path, httpMethod: event.httpMethod, pathParameters: event.pathParameters,
    stage: event.requestContext.stage, identity: event.requestContext.identity,
    query: event.queryStringParameters, claims: event.requestContext.authorizer ? event.requestContext.authorizer.claims : null,
  }),
});
`;

