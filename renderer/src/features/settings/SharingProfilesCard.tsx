import { useState } from 'react';
import { fieldError, plainError } from '../../ui/plain-error';
import { ErrorState } from '../../ui/States';
import { toastError, useToastStore } from '../../stores/toast-store';
import { useAddSharingProfile, useRemoveSharingProfile, useSharingProfiles } from './settings-queries';

const LABELS = { name: 'Name', profile: 'The profile' };

/** Delta Sharing profiles: a partner's profile file (its content) becomes a connection whose tables show in the Catalog. */
export function SharingProfilesCard() {
  const list = useSharingProfiles();
  const add = useAddSharingProfile();
  const remove = useRemoveSharingProfile();
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const profiles = list.data?.profiles;
  const readFile = (file: File | undefined) => {
    if (!file) return;
    file.text().then(setText, (e: unknown) => toastError('The profile file could not be read', e));
    if (!name) setName(file.name.replace(/\.share$|\.json$/i, ''));
  };
  const submit = () =>
    add.mutate(
      { name, profile: text },
      {
        onSuccess: () => {
          useToastStore.getState().push({ kind: 'success', title: `Added Delta Sharing profile ${name}`, detail: 'Its tables are listed in the Catalog.' });
          setName('');
          setText('');
        },
      },
    );
  const problem = add.error ? plainError(add.error, LABELS) : null;
  const nameError = fieldError(add.error, 'name', LABELS);
  // Anything not about the name is about the profile's content (the mesh reads nothing else).
  const profileError = problem && problem.field !== 'name' ? problem.message : undefined;
  return (
    <div className="card" data-testid="sharing-profiles">
      <h2>Delta Sharing</h2>
      <p className="muted small">
        Tables a partner shares over the open Delta Sharing protocol. They carry no ODCS data contract; map one to a core product when you pull it and its
        columns are checked like a contract.
      </p>
      {list.error && (
        <ErrorState title="Delta Sharing profiles could not be listed" message={plainError(list.error).message} onRetry={() => void list.refetch()} />
      )}
      {profiles && profiles.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>Profile</th>
              <th>Endpoint</th>
              <th>Token expires</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {profiles.map((p) => (
              <tr key={p.id} data-testid="sharing-profile-row">
                <td>
                  {p.name} {p.expired && <span className="badge badge-bad">expired</span>}
                </td>
                <td className="mono">{p.endpoint}</td>
                <td>{p.expirationTime ?? 'never'}</td>
                <td>
                  <button
                    type="button"
                    className="btn btn-small"
                    disabled={remove.isPending}
                    onClick={() => remove.mutate({ id: p.id }, { onError: (e) => toastError('The profile could not be removed', e) })}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Add a profile</h3>
      <div className="row form-row">
        <label className="field">
          Name
          <input
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              add.reset();
            }}
            aria-invalid={Boolean(nameError)}
            data-testid="sharing-name"
          />
          {nameError && <span className="field-error">{nameError}</span>}
        </label>
        <label className="field">
          Profile file
          <input type="file" accept=".share,.json,application/json" onChange={(e) => readFile(e.target.files?.[0])} data-testid="sharing-file" />
        </label>
      </div>
      <label className="field">
        or paste its content
        <textarea
          rows={4}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            add.reset();
          }}
          aria-invalid={Boolean(profileError)}
          placeholder='{"shareCredentialsVersion":1,"endpoint":"https://…","bearerToken":"…"}'
          data-testid="sharing-text"
        />
        {profileError && (
          <span className="field-error" data-testid="sharing-error">
            {profileError}
          </span>
        )}
      </label>
      <button type="button" className="btn btn-primary" disabled={!name.trim() || !text.trim() || add.isPending} onClick={submit} data-testid="sharing-add">
        Add profile
      </button>
    </div>
  );
}
