// The default theme plus the styles of the protocol pages' byte diagrams.
import DefaultTheme from 'vitepress/theme';
import './byte-diagram.css';

export default DefaultTheme;
