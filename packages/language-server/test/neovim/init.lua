-- Starts the Verbatim language server with Neovim's built-in client (0.7+) and appends every
-- textDocument/publishDiagnostics it receives to $VERBATIM_NVIM_OUT, one JSON object a line.
local out = vim.env.VERBATIM_NVIM_OUT
local cmd = vim.fn.json_decode(vim.env.VERBATIM_SERVER_CMD)
local cwd = vim.env.VERBATIM_SERVER_CWD
local root = vim.env.VERBATIM_ROOT

local function record(result)
  local file = io.open(out, 'a')
  file:write(vim.fn.json_encode(result) .. '\n')
  file:close()
end

local client_id = vim.lsp.start_client({
  name = 'verbatim',
  cmd = cmd,
  cmd_cwd = cwd,
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = 'newsroom' } },
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      record(result)
      return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
    end,
  },
  on_exit = function(code)
    record({ exited = code })
  end,
})

vim.api.nvim_create_autocmd({ 'BufReadPost', 'BufNewFile' }, {
  pattern = '*.md',
  callback = function(args)
    vim.bo[args.buf].filetype = 'markdown'
    vim.lsp.buf_attach_client(args.buf, client_id)
  end,
})
