/**
 * The OpenAPI 3.1 document of the HTTP API, generated from the routes' own zod schemas
 * (z.toJSONSchema, JSON Schema 2020-12, which OpenAPI 3.1 uses as is): the same objects validate
 * requests, so the description is never a second, hand-written copy. Named schemas (`.meta({id})`)
 * become components.
 */
import { z } from 'zod';
import type { ApiRoute } from './api-route.ts';
import { problemSchema } from './api-schemas.ts';
import { problemContentType } from '../refusal-problem.ts';

type JsonSchema = Record<string, unknown>;

const schemaRef = (id: string): JsonSchema => ({ $ref: `#/components/schemas/${id}` });

/** Collects named schemas into `components` and answers references to them. */
class SchemaRegistry {
  readonly components: Record<string, JsonSchema> = {};

  convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const json = z.toJSONSchema(schema, {
      io,
      unrepresentable: 'any',
      target: 'draft-2020-12',
    }) as JsonSchema;
    const { $defs, ...rest } = json as JsonSchema & { $defs?: Record<string, JsonSchema> };
    delete rest['$schema'];
    for (const [id, definition] of Object.entries($defs ?? {}))
      this.components[id] ??= this.rewrite(definition);
    // A named root comes back as a reference to its own definition.
    return this.rewrite(rest);
  }

  /** `#/$defs/X` references become `#/components/schemas/X`. */
  private rewrite(json: JsonSchema): JsonSchema {
    return JSON.parse(JSON.stringify(json).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;
  }
}

function objectShape(schema: z.ZodType | undefined): Record<string, z.ZodType> {
  if (schema === undefined || !(schema instanceof z.ZodObject)) return {};
  return schema.shape;
}

export function openApiDocument(routes: readonly ApiRoute[], info: { title: string; version: string }) {
  const schemas = new SchemaRegistry();
  const paths: Record<string, Record<string, unknown>> = {};
  schemas.convert(problemSchema, 'output');
  for (const route of routes) {
    const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const parameters = [
      ...Object.entries(objectShape(route.params)).map(([name, schema]) => ({
        name,
        in: 'path',
        required: true,
        schema: schemas.convert(schema, 'input'),
      })),
      ...Object.entries(objectShape(route.query)).map(([name, schema]) => ({
        name,
        in: 'query',
        required: !schema.safeParse(undefined).success,
        schema: schemas.convert(schema, 'input'),
        ...(schema.description === undefined ? {} : { description: schema.description }),
      })),
      ...(route.method === 'GET'
        ? []
        : [{ name: 'X-PEC-Request', in: 'header', required: true, schema: { const: '1' } }]),
    ];
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(route.responses)) {
      responses[status] = {
        description: response.description,
        ...(response.schema !== undefined
          ? { content: { 'application/json': { schema: schemas.convert(response.schema, 'output') } } }
          : response.problem === true
            ? { content: { [problemContentType]: { schema: schemaRef('Problem') } } }
            : response.mediaType !== undefined
              ? { content: { [response.mediaType]: { schema: { type: 'string' } } } }
              : {}),
      };
    }
    if (route.method !== 'GET')
      responses['403'] ??= {
        description: 'The X-PEC-Request header is missing (reason csrf).',
        content: { [problemContentType]: { schema: schemaRef('Problem') } },
      };
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.tag],
      ...(route.auth ? {} : { security: [] }),
      ...(parameters.length === 0 ? {} : { parameters }),
      ...(route.body === undefined
        ? {}
        : {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: schemas.convert(route.body, 'input') } },
            },
          }),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info,
    servers: [{ url: '/' }],
    security: [{ session: [] }],
    paths,
    components: {
      schemas: schemas.components,
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'pec_session' },
      },
    },
  };
}
