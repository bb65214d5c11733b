import type { ToolDefinition } from '../../src/model/managed-server';

/*
 * One tool written in both languages, and the input schema both must yield: an optional field, an
 * enum, an array of objects, and descriptions from the doc comments.
 */

export const TRIP_TOOLS_TS = `/** A stop on the way. */
export interface Stop {
  /** Name of the city. */
  city: string;
  /** Nights to stay. */
  nights: number;
}

/** Plans a trip through several cities. */
export async function plan_trip(input: {
  /** Where the trip starts. */
  origin: string;
  /** How to travel between stops. */
  mode: 'train' | 'car';
  /** The stops, in order. */
  stops: Stop[];
  /** A note for the traveller. */
  note?: string;
}): Promise<string> {
  return \`\${input.origin} by \${input.mode}\`;
}

/** Says hello. */
export const greet = ({ name }: { name: string }) => \`Hello, \${name}!\`;

/** Tells the time on the server. */
export function now() {
  return new Date().toISOString();
}

// Not exported: a helper, not a tool.
function helper(): void {}
helper();

export const VERSION = '1.0';
`;

export const TRIP_TOOLS_PY = `from typing import Literal, TypedDict
import datetime


class Stop(TypedDict):
    """A stop on the way.

    Attributes:
        city: Name of the city.
        nights: Nights to stay.
    """

    city: str
    nights: float


def plan_trip(origin: str, mode: Literal["train", "car"], stops: list[Stop], note: str | None = None) -> str:
    """Plans a trip through several cities.

    Args:
        origin: Where the trip starts.
        mode: How to travel between stops.
        stops: The stops, in order.
        note: A note for the traveller.
    """
    return f"{origin} by {mode}"


def greet(name: str) -> str:
    """Says hello."""
    return f"Hello, {name}!"


def now() -> str:
    """Tells the time on the server."""
    return datetime.datetime.now().isoformat()


def _helper():
    pass


VERSION = "1.0"
`;

export const PLAN_TRIP_SCHEMA = {
  type: 'object' as const,
  properties: {
    origin: { type: 'string', description: 'Where the trip starts.' },
    mode: { type: 'string', description: 'How to travel between stops.', enum: ['train', 'car'] },
    stops: {
      type: 'array',
      description: 'The stops, in order.',
      items: {
        type: 'object',
        properties: {
          city: { type: 'string', description: 'Name of the city.' },
          nights: { type: 'number', description: 'Nights to stay.' },
        },
        required: ['city', 'nights'],
        additionalProperties: false,
      },
    },
    note: { type: 'string', description: 'A note for the traveller.' },
  },
  required: ['origin', 'mode', 'stops'],
  additionalProperties: false,
};

export const TRIP_TOOLS: ToolDefinition[] = [
  { name: 'plan_trip', description: 'Plans a trip through several cities.', inputSchema: PLAN_TRIP_SCHEMA },
  {
    name: 'greet',
    description: 'Says hello.',
    inputSchema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'], additionalProperties: false },
  },
  { name: 'now', description: 'Tells the time on the server.', inputSchema: { type: 'object', properties: {}, additionalProperties: false } },
];
