import type { ThemeConfig } from 'antd';

/**
 * Browser journeys (e2e/support.ts) set this flag before the app loads: antd's motion off, so a click never lands on
 * an element still animating in or out (STACK-NOTES). Users keep the animations.
 */
const noMotion = (globalThis as { __HBZSGX_NO_MOTION__?: boolean }).__HBZSGX_NO_MOTION__ === true;

/** Government-portal palette: deep blue primary, dark side menu. */
export const theme: ThemeConfig = {
  token: {
    motion: !noMotion,
    colorPrimary: '#1657b8',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif",
  },
  components: {
    Layout: { siderBg: '#0f2a4a', headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 24px' },
    Menu: { darkItemBg: '#0f2a4a', darkSubMenuItemBg: '#0a2140', darkItemSelectedBg: '#1657b8' },
  },
};
