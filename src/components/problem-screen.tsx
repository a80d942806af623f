export interface ProblemScreenProps {
  title: string;
  message: string;
  onRetry?: () => void;
  retryLabel?: string;
  secondary?: { label: string; onClick: () => void } | undefined;
}

/** One clear screen with the way forward, for when there is no data yet to show instead. */
export function ProblemScreen({ title, message, onRetry, retryLabel = 'Try again', secondary }: ProblemScreenProps) {
  return (
    <main className="screen">
      <section role="alert" className="problem" aria-labelledby="connection-problem-title">
        <h1 id="connection-problem-title">{title}</h1>
        <p>{message}</p>
      </section>
      <div className="actions">
        {onRetry && (
          <button type="button" className="primary" onClick={onRetry}>
            {retryLabel}
          </button>
        )}
        {secondary && (
          <button type="button" onClick={secondary.onClick}>
            {secondary.label}
          </button>
        )}
      </div>
    </main>
  );
}
