/** The identifiers and dates a person types into the plant folder's files. */
import { z } from "zod";

/** A stable identifier a person types: letters, digits, dot, dash, underscore. */
export const Id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "expected an id of letters, digits, '.', '-', '_'");

/** An ISO date (`2025-03-01`) or date-time; YAML dates are read as strings. */
export const IsoDate = z.iso.date().or(z.iso.datetime({ offset: true }));
