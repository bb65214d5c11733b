import { describe, expect, it } from 'vitest';
import { toGatewayTools } from '../../src/tool-schema/gateway-schema';
import { TRIP_TOOLS } from './trip-tool';

describe('toGatewayTools: the tools as a Lambda gateway target declares them', () => {
  it("keeps what the service's SchemaDefinition carries and tells agents an enum's values in its description", () => {
    const [planTrip] = toGatewayTools(TRIP_TOOLS);
    expect(planTrip).toEqual({
      name: 'plan_trip',
      description: 'Plans a trip through several cities.',
      inputSchema: {
        type: 'object',
        properties: {
          origin: { type: 'string', description: 'Where the trip starts.' },
          mode: { type: 'string', description: 'How to travel between stops. One of: "train", "car".' },
          stops: {
            type: 'array',
            description: 'The stops, in order.',
            items: {
              type: 'object',
              properties: { city: { type: 'string', description: 'Name of the city.' }, nights: { type: 'number', description: 'Nights to stay.' } },
              required: ['city', 'nights'],
            },
          },
          note: { type: 'string', description: 'A note for the traveller.' },
        },
        required: ['origin', 'mode', 'stops'],
      },
    });
  });

  it('an enum without a description gets one', () => {
    const [tool] = toGatewayTools([
      { name: 't', description: 'T.', inputSchema: { type: 'object', properties: { level: { type: 'number', enum: [1, 2] } }, additionalProperties: false } },
    ]);
    expect(tool!.inputSchema).toEqual({ type: 'object', properties: { level: { type: 'number', description: 'One of: 1, 2.' } } });
  });
});
