import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import { toastError, useToastStore } from '../../stores/toast-store';
import { useSessionStore } from '../../stores/session-store';

type List = Awaited<ReturnType<typeof api.connections.list>>;

/** The meshes this workspace knows: add one by URL and token, pick the active one. */
export function ConnectionsCard() {
  const [list, setList] = useState<List | null>(null);
  const [form, setForm] = useState({ name: '', url: '', token: '' });
  const reloadSession = useSessionStore((s) => s.load);
  const load = useCallback(() => api.connections.list({}).then(setList, (e: unknown) => toastError('Meshes could not be listed', e)), []);
  useEffect(() => {
    void load();
  }, [load]);
  const add = async () => {
    try {
      const { verified } = await api.connections.add({ ...form, makeActive: true });
      useToastStore
        .getState()
        .push(
          verified
            ? { kind: 'success', title: `Connected to ${form.name}` }
            : { kind: 'info', title: `${form.name} saved`, detail: 'It could not be reached now; Meshwork checks the token when it is online.' },
        );
      setForm({ name: '', url: '', token: '' });
      await load();
      await reloadSession();
    } catch (e) {
      toastError('The mesh could not be added', e);
    }
  };
  return (
    <div className="card" data-testid="connections">
      <h2>Meshes</h2>
      {list && (
        <table className="table">
          <thead>
            <tr>
              <th>Mesh</th>
              <th>URL</th>
              <th>Signed in as</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.connections.map((c) => (
              <tr key={c.id} data-testid="connection-row">
                <td>
                  {c.name} {c.active && <span className="badge badge-good">active</span>} {c.embedded && <span className="badge">built-in demo</span>}
                </td>
                <td className="mono">{c.url}</td>
                <td>{c.user ? `${c.user} (${c.roles.join(', ')})` : '—'}</td>
                <td className="row">
                  {!c.active && (
                    <button type="button" className="btn btn-small" onClick={() => void api.connections.setActive({ id: c.id }).then(load).then(reloadSession)}>
                      Use
                    </button>
                  )}
                  {!c.embedded && (
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => void api.connections.remove({ id: c.id }).then(load, (e: unknown) => toastError('Could not remove', e))}
                    >
                      Remove
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Add a mesh</h3>
      <div className="row">
        <label className="field">
          Name
          <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} data-testid="conn-name" />
        </label>
        <label className="field">
          URL
          <input value={form.url} placeholder="https://mesh.example.com" onChange={(e) => setForm({ ...form, url: e.target.value })} data-testid="conn-url" />
        </label>
        <label className="field">
          Token
          <input type="password" value={form.token} onChange={(e) => setForm({ ...form, token: e.target.value })} data-testid="conn-token" />
        </label>
        <button type="button" className="btn btn-primary" onClick={() => void add()} data-testid="conn-add">
          Add and use
        </button>
      </div>
      {list && <p className="muted small">Tokens are stored encrypted in {list.tokenStorage} and never shown again.</p>}
    </div>
  );
}
