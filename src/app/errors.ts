import { formatProblem, type InputProblem } from "../model/problem.js";

/** The plant folder cannot be assessed as it is: carries every problem found, for one complete report. */
export class PlantInputError extends Error {
  override name = "PlantInputError";
  constructor(readonly problems: InputProblem[]) {
    const errors = problems.filter((p) => p.severity === "error");
    super(
      `${errors.length} error${errors.length === 1 ? "" : "s"} in the plant's inputs:\n${errors.map(formatProblem).join("\n")}`,
    );
  }
}

/** A request a person made that cannot be answered as asked (no workspace yet, an unknown run id): no stack trace. */
export class RequestError extends Error {
  override name = "RequestError";
}

/** A label another run carries: `run` is that run's id, for a caller that offers to move the label. */
export class LabelTakenError extends RequestError {
  override name = "LabelTakenError";
  constructor(
    message: string,
    readonly run: string,
  ) {
    super(message);
  }
}
