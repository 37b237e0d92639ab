/**
 * The preview of the sheet on screen (what the core says before a refresh) and why there is
 * none. Only the latest request may land: drop-downs can change faster than Excel answers.
 */

import { useCallback, useRef, useState } from 'react';
import type { MutableRefObject } from 'react';
import type { SavedMapping } from '../core/input';
import type { InventoryPreview, RoleMapService } from '../core/service';
import { shown } from './usePaneStatus';
import type { ShownError } from './usePaneStatus';

/** A preview, or why there is none. */
export type PreviewResult =
  { preview: InventoryPreview; error: null } | { preview: null; error: ShownError };

export interface PreviewState {
  preview: InventoryPreview | null;
  /** Why the chosen sheet cannot be previewed (no inventory, no name column, …). */
  previewError: ShownError | null;
  /** Previews a sheet; resolves to what landed (null: a later request superseded it). */
  loadPreview: (
    name: string | undefined,
    mapping: SavedMapping | undefined,
    row?: number,
  ) => Promise<PreviewResult | null>;
  /** Shows a preview read elsewhere (the first load reads it beside the sheet list). */
  adoptPreview: (preview: InventoryPreview) => void;
}

/** The preview of the sheet on screen over a service. */
export function usePreview(
  service: RoleMapService,
  mounted: MutableRefObject<boolean>,
): PreviewState {
  const [preview, setPreview] = useState<InventoryPreview | null>(null);
  const [previewError, setPreviewError] = useState<ShownError | null>(null);
  const seq = useRef(0);

  const loadPreview = useCallback(
    async (
      name: string | undefined,
      mapping: SavedMapping | undefined,
      row?: number,
    ): Promise<PreviewResult | null> => {
      const mine = ++seq.current;
      try {
        const p = await service.preview(name, mapping, row);
        if (!mounted.current || mine !== seq.current) return null;
        setPreview(p);
        setPreviewError(null);
        return { preview: p, error: null };
      } catch (err) {
        if (!mounted.current || mine !== seq.current) return null;
        const error = shown(err);
        setPreview(null);
        setPreviewError(error);
        return { preview: null, error };
      }
    },
    [service, mounted],
  );

  const adoptPreview = useCallback((p: InventoryPreview): void => {
    seq.current++;
    setPreview(p);
    setPreviewError(null);
  }, []);

  return { preview, previewError, loadPreview, adoptPreview };
}
