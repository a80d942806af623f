/** Why the last write failed, announced in the tile it failed in; nothing while all is well. */
export function WriteFailure({ message }: { message: string | undefined }) {
  return message ? (
    <span role="alert" className="write-failure">
      {message}
    </span>
  ) : null;
}
