import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import { toastError, useToastStore } from '../../stores/toast-store';

type Profiles = Awaited<ReturnType<typeof api.sharing.listProfiles>>['profiles'];

/** Delta Sharing profiles: a partner's profile file (its content) becomes a connection whose tables show in the Catalog. */
export function SharingProfilesCard() {
  const [profiles, setProfiles] = useState<Profiles | null>(null);
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const load = useCallback(
    () =>
      api.sharing.listProfiles({}).then(
        (r) => setProfiles(r.profiles),
        (e: unknown) => toastError('Delta Sharing profiles could not be listed', e),
      ),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const readFile = (file: File | undefined) => {
    if (!file) return;
    void file.text().then(setText);
    if (!name) setName(file.name.replace(/\.share$|\.json$/i, ''));
  };
  const add = async () => {
    try {
      await api.sharing.addProfile({ name, profile: text });
      useToastStore.getState().push({ kind: 'success', title: `Added Delta Sharing profile ${name}`, detail: 'Its tables are listed in the Catalog.' });
      setName('');
      setText('');
      await load();
    } catch (e) {
      toastError('The profile could not be added', e);
    }
  };
  return (
    <div className="card" data-testid="sharing-profiles">
      <h2>Delta Sharing</h2>
      <p className="muted small">
        Tables a partner shares over the open Delta Sharing protocol. They carry no ODCS data contract; map one to a core product when you pull it and its
        columns are checked like a contract.
      </p>
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
                    onClick={() => void api.sharing.removeProfile({ id: p.id }).then(load, (e: unknown) => toastError('Could not remove', e))}
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
      <div className="row">
        <label className="field">
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} data-testid="sharing-name" />
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
          onChange={(e) => setText(e.target.value)}
          placeholder='{"shareCredentialsVersion":1,"endpoint":"https://…","bearerToken":"…"}'
          data-testid="sharing-text"
        />
      </label>
      <button type="button" className="btn btn-primary" disabled={!name.trim() || !text.trim()} onClick={() => void add()} data-testid="sharing-add">
        Add profile
      </button>
    </div>
  );
}
