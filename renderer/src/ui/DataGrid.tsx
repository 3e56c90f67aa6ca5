/**
 * AG Grid (Community) with the app's theme: the client-side row model for small result
 * tables. Large tables use the infinite row model directly (see the campaigns grid).
 */
import { useMemo } from 'react';
import { AgGridReact, type AgGridReactProps } from 'ag-grid-react';
import { AllCommunityModule, ModuleRegistry, themeQuartz, colorSchemeDarkBlue } from 'ag-grid-community';
import { useUiStore } from '../stores/ui-store';

ModuleRegistry.registerModules([AllCommunityModule]);

export function useGridTheme() {
  const dark = useUiStore((s) => s.theme === 'dark');
  return useMemo(
    () => (dark ? themeQuartz.withPart(colorSchemeDarkBlue) : themeQuartz).withParams({ fontSize: 13, headerFontWeight: 600, spacing: 6 }),
    [dark],
  );
}

export function DataGrid<T>(props: AgGridReactProps<T> & { testId: string; height?: number }) {
  const { testId, height = 420, ...gridProps } = props;
  const theme = useGridTheme();
  return (
    <div className="grid-box" style={{ height }} data-testid={testId}>
      <AgGridReact<T> theme={theme} animateRows={false} suppressCellFocus={false} {...gridProps} />
    </div>
  );
}
