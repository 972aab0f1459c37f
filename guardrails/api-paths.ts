import type { Method, RestApi } from '../model';

/** The method's resource path, `/reports/{id}`, from the API's resource tree. */
export function pathOf(api: RestApi, method: Method): string {
  const parts: string[] = [];
  let id = method.resourceId;
  for (let depth = 0; id !== api.rootResourceId && depth < 50; depth++) {
    const resource = api.resources.find((r) => r.id === id);
    if (!resource) break;
    parts.unshift(resource.pathPart);
    id = resource.parentId;
  }
  return `/${parts.join('/')}`;
}

/** The execute-api ARN a request to the method is authorized against (API Gateway: "execute-api:Invoke" resource format). */
export function methodArns(api: RestApi, method: Method): string[] {
  const stages = api.stages.length > 0 ? api.stages.map((stage) => stage.stageName) : ['any-stage'];
  // ANY stands for every verb; a caller picks one.
  const verbs = method.httpMethod === 'ANY' ? ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] : [method.httpMethod];
  const path = pathOf(api, method).slice(1);
  return stages.flatMap((stage) => verbs.map((verb) => `${api.executionArn}/${stage}/${verb}/${path}`));
}
