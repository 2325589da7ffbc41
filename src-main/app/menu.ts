import { Menu, shell, type MenuItemConstructorOptions } from 'electron';
import { isAllowedExternalUrl } from './navigation-policy';

/** The application menu: the platform's usual roles and shortcuts, nothing that reaches the web. */
export function installMenu(isMac: boolean, isPackaged: boolean): void {
  const help = 'https://dev.bandwidth.com/';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        ...(isPackaged ? [] : [{ role: 'toggleDevTools' } as MenuItemConstructorOptions]),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        {
          label: 'Bandwidth developer documentation',
          click: () => {
            if (isAllowedExternalUrl(help)) void shell.openExternal(help);
          },
        },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
