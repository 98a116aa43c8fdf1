import type { Child } from 'hono/jsx';
import { t, type Lang } from '../i18n/i18n.js';

/** Per-field error messages of a submitted form, keyed by field name. */
export type FieldErrors = Record<string, string>;

interface FieldBase {
  name: string;
  label: string;
  /** Defaults to `f-<name>` (brackets become dashes). */
  id?: string;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean;
}

const idOf = (f: FieldBase) => f.id ?? `f-${f.name.replace(/[^a-zA-Z0-9_-]+/g, '-')}`;

function describedBy(id: string, f: FieldBase): string | undefined {
  const ids = [f.hint ? `${id}-hint` : null, f.error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function FieldShell(props: FieldBase & { id: string; children: Child; lang?: Lang }) {
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <label for={props.id}>
        {props.label}
        {props.required ? <span class="required" aria-hidden="true"> *</span> : null}
      </label>
      {props.hint ? (
        <p class="field-hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.children}
      {props.error ? (
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled text input with hint and error text wired through `aria-describedby`. */
export function TextField(
  props: FieldBase & { value?: string | null | undefined; type?: 'text' | 'email' | 'url' | 'search' | 'password'; maxLength?: number; autocomplete?: string; placeholder?: string; pattern?: string; spellcheck?: boolean },
) {
  const id = idOf(props);
  return (
    <FieldShell {...props} id={id}>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        maxlength={props.maxLength}
        required={props.required}
        autocomplete={props.autocomplete}
        placeholder={props.placeholder}
        pattern={props.pattern}
        spellcheck={props.spellcheck}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, props)}
      />
    </FieldShell>
  );
}

/** A labelled textarea; with `counter` the script shows the characters left (works without it). */
export function TextArea(props: FieldBase & { value?: string | null | undefined; rows?: number; maxLength?: number; counter?: { lang: Lang; max: number }; placeholder?: string }) {
  const id = idOf(props);
  const counterId = `${id}-counter`;
  const describers = [describedBy(id, props), props.counter ? counterId : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <FieldShell {...props} id={id}>
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 4}
        maxlength={props.maxLength}
        required={props.required}
        placeholder={props.placeholder}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describers}
        data-counter={props.counter ? counterId : undefined}
      >
        {props.value ?? ''}
      </textarea>
      {props.counter ? (
        <p class="char-counter" id={counterId} aria-live="polite" data-max={String(props.counter.max)} data-template={t(props.counter.lang, 'composer.remaining')}>
          {t(props.counter.lang, 'composer.limit', { max: props.counter.max })}
        </p>
      ) : null}
    </FieldShell>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

/** A labelled select; `emptyLabel` adds a first, empty choice. */
export function SelectField(props: FieldBase & { options: SelectOption[]; value?: string | null | undefined; emptyLabel?: string }) {
  const id = idOf(props);
  return (
    <FieldShell {...props} id={id}>
      <select id={id} name={props.name} required={props.required} aria-invalid={props.error ? 'true' : undefined} aria-describedby={describedBy(id, props)}>
        {props.emptyLabel !== undefined ? <option value="">{props.emptyLabel}</option> : null}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === (props.value ?? '')}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A labelled file input for images. */
export function FileField(props: FieldBase & { accept?: string }) {
  const id = idOf(props);
  return (
    <FieldShell {...props} id={id}>
      <input id={id} name={props.name} type="file" accept={props.accept ?? 'image/jpeg,image/png,image/webp,image/gif'} aria-invalid={props.error ? 'true' : undefined} aria-describedby={describedBy(id, props)} />
    </FieldShell>
  );
}

/** The summary shown above a form that came back with errors. */
export function FormErrorSummary({ lang, errors }: { lang: Lang; errors: FieldErrors | undefined }) {
  if (!errors || Object.keys(errors).length === 0) return null;
  const general = errors._form;
  return (
    <div class="flash flash-error" role="alert">
      <p>{general ?? t(lang, 'error.formHasErrors')}</p>
    </div>
  );
}
