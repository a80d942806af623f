export interface LoadingScreenProps {
  /** What is being waited for, in the UI language where one is known. */
  message: string;
}

/** The whole screen while its first data is on the way: nothing to show yet but the wait. */
export function LoadingScreen({ message }: LoadingScreenProps) {
  return (
    <main className="screen" aria-busy="true">
      <p>{message}</p>
    </main>
  );
}
