import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { CommentDto } from '../api/types.js';
import { formatDateTime } from '../lib/format.js';
import { TextField } from '../ui/fields.js';

export function Comments({
  disclosureId,
  comments,
  mayComment,
  nameOf,
  onAdded,
}: {
  disclosureId: string;
  comments: readonly CommentDto[];
  mayComment: boolean;
  nameOf: (userId: string) => string;
  onAdded: () => void;
}) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return;
    setError(null);
    try {
      await api.addComment(disclosureId, body.trim(), key);
      setBody('');
      setKey(crypto.randomUUID());
      onAdded();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <section aria-labelledby="comments-heading" className="card">
      <h2 id="comments-heading">{t('detail.comments')}</h2>
      {comments.length === 0 ? (
        <p>{t('detail.noComments')}</p>
      ) : (
        <ol className="comments">
          {comments.map((c) => (
            <li key={c.id}>
              <p className="muted small">
                {nameOf(c.authorId)} · <time dateTime={c.createdAt}>{formatDateTime(c.createdAt)}</time>
              </p>
              <p>{c.body}</p>
            </li>
          ))}
        </ol>
      )}
      {mayComment && (
        <form onSubmit={(e) => void submit(e)}>
          <TextField label={t('detail.addComment')} value={body} onChange={setBody} multiline required />
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit">{t('detail.postComment')}</button>
        </form>
      )}
    </section>
  );
}
