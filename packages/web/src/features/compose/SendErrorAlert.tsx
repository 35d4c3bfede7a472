// Why the message cannot leave: a title and, when the server gave them, its reasons.
import type { SendError } from './compose-problem.ts';

export function SendErrorAlert(props: { error: SendError }) {
  const { error } = props;
  return (
    <div className="alert" role="alert">
      <strong>{error.title}</strong>
      {error.reasons.length > 0 && (
        <ul className="alert-reasons">
          {error.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
