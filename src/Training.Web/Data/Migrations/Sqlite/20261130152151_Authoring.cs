using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Training.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Authoring : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ChangeNote",
                table: "ModuleVersions",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Origin",
                table: "ModuleVersions",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "content");

            migrationBuilder.AddColumn<string>(
                name: "PublishedById",
                table: "ModuleVersions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PublishedByLabel",
                table: "ModuleVersions",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "QuestionsJson",
                table: "ModuleVersions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ContentTracks",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: false),
                    ModuleIdsJson = table.Column<string>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: true),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContentTracks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ModuleDrafts",
                columns: table => new
                {
                    ModuleId = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    IndexText = table.Column<string>(type: "TEXT", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    BaseVersionId = table.Column<int>(type: "INTEGER", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedById = table.Column<string>(type: "TEXT", nullable: true),
                    UpdatedByLabel = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModuleDrafts", x => x.ModuleId);
                });

            migrationBuilder.CreateTable(
                name: "StoredFiles",
                columns: table => new
                {
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Bytes = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredFiles", x => x.Hash);
                });

            migrationBuilder.CreateTable(
                name: "ModuleDraftFiles",
                columns: table => new
                {
                    ModuleId = table.Column<string>(type: "TEXT", nullable: false),
                    Path = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    FileHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Length = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModuleDraftFiles", x => new { x.ModuleId, x.Path });
                    table.ForeignKey(
                        name: "FK_ModuleDraftFiles_ModuleDrafts_ModuleId",
                        column: x => x.ModuleId,
                        principalTable: "ModuleDrafts",
                        principalColumn: "ModuleId",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ModuleDraftFiles_StoredFiles_FileHash",
                        column: x => x.FileHash,
                        principalTable: "StoredFiles",
                        principalColumn: "Hash",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ModuleVersionFiles",
                columns: table => new
                {
                    ModuleVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Path = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    FileHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Length = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModuleVersionFiles", x => new { x.ModuleVersionId, x.Path });
                    table.ForeignKey(
                        name: "FK_ModuleVersionFiles_ModuleVersions_ModuleVersionId",
                        column: x => x.ModuleVersionId,
                        principalTable: "ModuleVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ModuleVersionFiles_StoredFiles_FileHash",
                        column: x => x.FileHash,
                        principalTable: "StoredFiles",
                        principalColumn: "Hash",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ModuleDraftFiles_FileHash",
                table: "ModuleDraftFiles",
                column: "FileHash");

            migrationBuilder.CreateIndex(
                name: "IX_ModuleVersionFiles_FileHash",
                table: "ModuleVersionFiles",
                column: "FileHash");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContentTracks");

            migrationBuilder.DropTable(
                name: "ModuleDraftFiles");

            migrationBuilder.DropTable(
                name: "ModuleVersionFiles");

            migrationBuilder.DropTable(
                name: "ModuleDrafts");

            migrationBuilder.DropTable(
                name: "StoredFiles");

            migrationBuilder.DropColumn(
                name: "ChangeNote",
                table: "ModuleVersions");

            migrationBuilder.DropColumn(
                name: "Origin",
                table: "ModuleVersions");

            migrationBuilder.DropColumn(
                name: "PublishedById",
                table: "ModuleVersions");

            migrationBuilder.DropColumn(
                name: "PublishedByLabel",
                table: "ModuleVersions");

            migrationBuilder.DropColumn(
                name: "QuestionsJson",
                table: "ModuleVersions");
        }
    }
}
