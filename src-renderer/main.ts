import { mount } from 'svelte';
import Root from './Root.svelte';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('Patchbay: #app element missing from index.html');
mount(Root, { target });
