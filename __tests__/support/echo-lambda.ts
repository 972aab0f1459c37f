import { crc32 } from 'node:zlib';

/** A stored-only zip (PKWARE APPNOTE) holding one file. */
export function zipOne(name: string, text: string): Buffer {
  const data = Buffer.from(text);
  const fileName = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc32(data), 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc32(data), 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + fileName.length, 12);
  end.writeUInt32LE(30 + fileName.length + data.length, 16);
  return Buffer.concat([local, fileName, data, central, fileName, end]);
}

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

