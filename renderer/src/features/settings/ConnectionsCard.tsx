import { useState } from 'react';
import { plainError, fieldError } from '../../ui/plain-error';
import { ErrorState } from '../../ui/States';
import { toastError, useToastStore } from '../../stores/toast-store';
import { useAddConnection, useConnections, useRemoveConnection, useSetActiveConnection } from './settings-queries';

const LABELS = { name: 'Name', url: 'URL', token: 'Token' };

/** The meshes this workspace knows: add one by URL and token, pick the active one, remove one (asking first if it still has work to send). */
export function ConnectionsCard() {
  const list = useConnections();
  const add = useAddConnection();
  const remove = useRemoveConnection();
  const setActive = useSetActiveConnection();
  const [form, setForm] = useState({ name: '', url: '', token: '' });
  // The mesh whose removal waits for a yes, because it still has queued work.
  const [confirming, setConfirming] = useState<string | null>(null);

  const submit = async () => {
    try {
      const { verified } = await add.mutateAsync({ ...form, makeActive: true });
      useToastStore
        .getState()
        .push(
          verified
            ? { kind: 'success', title: `Connected to ${form.name}` }
            : { kind: 'info', title: `${form.name} saved`, detail: 'It could not be reached now; Meshwork checks the token when it is online.' },
        );
      setForm({ name: '', url: '', token: '' });
    } catch {
      // Shown at the field it concerns (or under the form), below.
    }
  };
  const removeNow = (id: string) => {
    setConfirming(null);
    remove.mutate({ id }, { onError: (e) => toastError('The mesh could not be removed', e) });
  };
  const formProblem = add.error ? plainError(add.error, LABELS) : null;
  const atField = (field: keyof typeof LABELS) => fieldError(add.error, field, LABELS);
  const edit = (patch: Partial<typeof form>) => {
    setForm({ ...form, ...patch });
    if (add.error) add.reset();
  };

  return (
    <div className="card" data-testid="connections">
      <h2>Meshes</h2>
      {list.error && <ErrorState title="Meshes could not be listed" message={plainError(list.error).message} onRetry={() => void list.refetch()} />}
      {!list.data && !list.error && <div className="skeleton" style={{ height: 80 }} />}
      {list.data && (
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
            {list.data.connections.map((c) => (
              <tr key={c.id} data-testid="connection-row">
                <td>
                  {c.name} {c.active && <span className="badge badge-good">active</span>} {c.embedded && <span className="badge">built-in demo</span>}
                  {(c.queued ?? 0) > 0 && <span className="badge badge-warn">{c.queued} waiting to send</span>}
                </td>
                <td className="mono">{c.url}</td>
                <td>{c.user ? `${c.user} (${c.roles.join(', ')})` : '—'}</td>
                <td>
                  {confirming === c.id ? (
                    <div className="confirm-remove" role="alertdialog" aria-label={`Remove ${c.name}?`} data-testid="confirm-remove">
                      <span>
                        {c.queued === 1 ? 'One change is' : `${c.queued} changes are`} still waiting to be sent to {c.name} (submissions, approvals or
                        activations). Once the mesh is removed they cannot be sent.
                      </span>
                      <div className="row">
                        <button type="button" className="btn btn-small btn-danger" onClick={() => removeNow(c.id)} data-testid="confirm-remove-yes">
                          Remove anyway
                        </button>
                        <button type="button" className="btn btn-small" onClick={() => setConfirming(null)} data-testid="confirm-remove-no">
                          Keep it
                        </button>
                      </div>
                    </div>
                  ) : (
                    <div className="row">
                      {!c.active && (
                        <button
                          type="button"
                          className="btn btn-small"
                          disabled={setActive.isPending}
                          onClick={() => setActive.mutate({ id: c.id }, { onError: (e) => toastError(`Could not switch to ${c.name}`, e) })}
                        >
                          Use
                        </button>
                      )}
                      {!c.embedded && (
                        <button
                          type="button"
                          className="btn btn-small"
                          onClick={() => ((c.queued ?? 0) > 0 ? setConfirming(c.id) : removeNow(c.id))}
                          data-testid="connection-remove"
                        >
                          Remove
                        </button>
                      )}
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Add a mesh</h3>
      <form
        className="row form-row"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="field">
          Name
          <input value={form.name} onChange={(e) => edit({ name: e.target.value })} aria-invalid={Boolean(atField('name'))} data-testid="conn-name" />
          {atField('name') && (
            <span className="field-error" data-testid="conn-name-error">
              {atField('name')}
            </span>
          )}
        </label>
        <label className="field">
          URL
          <input
            value={form.url}
            placeholder="https://mesh.example.com"
            onChange={(e) => edit({ url: e.target.value })}
            aria-invalid={Boolean(atField('url'))}
            data-testid="conn-url"
          />
          {atField('url') && (
            <span className="field-error" data-testid="conn-url-error">
              {atField('url')}
            </span>
          )}
        </label>
        <label className="field">
          Token
          <input
            type="password"
            value={form.token}
            onChange={(e) => edit({ token: e.target.value })}
            aria-invalid={Boolean(atField('token'))}
            data-testid="conn-token"
          />
          {atField('token') && (
            <span className="field-error" data-testid="conn-token-error">
              {atField('token')}
            </span>
          )}
        </label>
        <button type="submit" className="btn btn-primary" disabled={add.isPending} data-testid="conn-add">
          Add and use
        </button>
      </form>
      {formProblem && !formProblem.field && (
        <p className="field-error" role="alert" data-testid="conn-error">
          {formProblem.message}
        </p>
      )}
      {list.data && <p className="muted small">Tokens are stored encrypted in {list.data.tokenStorage} and never shown again.</p>}
    </div>
  );
}
